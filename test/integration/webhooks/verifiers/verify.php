<?php
// Verifies a Relaydesk webhook signature; the function is the README's PHP snippet.
// Usage: php verify.php SECRET SIGNATURE_HEADER NOW_UNIX_SECONDS < raw_body

function relaydesk_verify(string $secret, string $header, string $body, int $tolerance = 300, ?int $now = null): bool {
    $parts = [];
    foreach (explode(',', $header) as $item) {
        [$key, $value] = array_pad(explode('=', $item, 2), 2, '');
        $parts[$key] = $value;
    }
    if (!isset($parts['t'], $parts['v1']) || abs(($now ?? time()) - (int) $parts['t']) > $tolerance) {
        return false; // too old (or from the future): a replay
    }
    $expected = hash_hmac('sha256', $parts['t'] . '.' . $body, $secret);
    return hash_equals($expected, $parts['v1']);
}

echo relaydesk_verify($argv[1], $argv[2], file_get_contents('php://stdin'), 300, (int) $argv[3]) ? "valid\n" : "invalid\n";
