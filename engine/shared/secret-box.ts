// Sealing secrets at rest (smarthost passwords, DKIM private keys, webhook secrets).
// The desktop host seals with Electron safeStorage; the headless host with a key file.

export interface SecretBox {
  /** Where the key lives, for status and docs ("key file", "OS keychain"). */
  readonly description: string;
  seal(plaintext: string): string;
  open(sealed: string): string;
}
