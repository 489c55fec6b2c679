// How well a message's HTML will render per mail client, against a dated subset of
// caniemail's data (data/caniemail-subset.json): which features it uses, their support per
// client, and a score per client (supported 1, partial ½, unsupported 0).
import type { ClientSupport, CompatibilityReport } from '../api/contract';
import data from './data/caniemail-subset.json' with { type: 'json' };

interface FeatureData {
  slug: string;
  title: string;
  /** caniemail's value of the latest version per client: `y`, `a #1`, `n #2 #4`, `u`. */
  support: Record<string, string>;
  notes: Record<string, string>;
}

// Ours, not caniemail's: how each feature shows in HTML or CSS text. Counting occurrences
// rather than parsing keeps this cheap; a pattern inside a comment still counts, which errs
// on the side of warning.
const DETECTORS: Record<string, RegExp> = {
  'css-display-flex': /display\s*:\s*(inline-)?flex\b/gi,
  'css-display-grid': /display\s*:\s*(inline-)?grid\b/gi,
  'css-position': /position\s*:\s*(absolute|fixed|sticky|relative)\b/gi,
  'css-border-radius': /border(-(top|bottom)-(left|right))?-radius\s*:/gi,
  'css-box-shadow': /box-shadow\s*:/gi,
  'css-background-image': /background(-image)?\s*:[^;"'}]*url\(/gi,
  'css-linear-gradient': /linear-gradient\(/gi,
  'css-at-font-face': /@font-face\b/gi,
  'css-at-media-prefers-color-scheme': /prefers-color-scheme/gi,
  'css-variables': /var\(\s*--|[;{\s"']--[a-z0-9-]+\s*:/gi,
  'html-style': /<style[\s>]/gi,
  'html-svg': /<svg[\s>]/gi,
  'html-video': /<video[\s>]/gi,
  'html-form': /<form[\s>]/gi,
  'image-webp': /\.webp\b|image\/webp/gi,
};

// The JSON's literal types are narrower than FeatureData; every feature has this shape.
const FEATURES: readonly FeatureData[] = data.features as unknown as FeatureData[];

const POINTS: Record<ClientSupport, number | null> = { y: 1, a: 0.5, n: 0, u: null };

function parseSupport(value: string | undefined): { support: ClientSupport; notes: string[] } {
  const [head = 'u', ...marks] = (value ?? 'u').trim().split(/\s+/);
  const support = (['y', 'a', 'n', 'u'] as const).find((s) => s === head) ?? 'u';
  return { support, notes: marks.map((mark) => mark.replace(/^#/, '')) };
}

export function compatibilityReport(html: string | null): CompatibilityReport {
  const clients = data.clients;
  const source = { name: 'caniemail', url: 'https://www.caniemail.com', extractedAt: data.extractedAt, licence: data.licence };
  const used = html === null ? [] : FEATURES
    .map((feature) => ({ feature, occurrences: html.match(DETECTORS[feature.slug] ?? /$^/g)?.length ?? 0 }))
    .filter(({ occurrences }) => occurrences > 0);
  const features = used.map(({ feature, occurrences }) => {
    const parsed = Object.fromEntries(clients.map((client) => [client.id, parseSupport(feature.support[client.id])]));
    const noteNumbers = [...new Set(Object.values(parsed).flatMap((p) => p.notes))].sort();
    return {
      slug: feature.slug, title: feature.title, url: `https://www.caniemail.com/features/${feature.slug}/`, occurrences,
      support: Object.fromEntries(Object.entries(parsed).map(([id, p]) => [id, p.support])),
      notes: noteNumbers.map((n) => `#${n}: ${feature.notes[n] ?? ''}`),
    };
  });
  const scored = clients.map((client) => {
    const points = features.map((f) => POINTS[f.support[client.id] as ClientSupport]).filter((p): p is number => p !== null);
    return {
      id: client.id,
      label: client.label,
      score: points.length ? Math.round((100 * points.reduce((a, b) => a + b, 0)) / points.length) : null,
      unsupported: features.filter((f) => f.support[client.id] === 'n').map((f) => f.title),
      partial: features.filter((f) => f.support[client.id] === 'a').map((f) => f.title),
    };
  });
  const known = scored.map((client) => client.score).filter((score): score is number => score !== null);
  return {
    hasHtml: html !== null,
    source,
    clients: scored,
    overall: known.length ? Math.round(known.reduce((a, b) => a + b, 0) / known.length) : null,
    features,
  };
}
