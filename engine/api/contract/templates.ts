// Stored message templates (Handlebars) and their versions. Types only.

/** A template as listed: its name and current version. */
export interface TemplateView {
  id: number;
  name: string;
  currentVersion: number;
  createdAt: number;
  updatedAt: number;
}

/** One saved version of a template; every save makes a new one. */
export interface TemplateVersionView {
  version: number;
  /** Handlebars source of the subject (rendered without HTML escaping). */
  subject: string;
  /** Handlebars source of the HTML part; CSS in <style> is inlined when rendered. */
  html: string | null;
  /** Handlebars source of the plain-text part. */
  text: string | null;
  /** Variables a preview uses when none are given. */
  sampleData: Record<string, unknown>;
  createdAt: number;
}

/** A template with one of its versions (the current one unless asked) and its history. */
export interface TemplateDetail extends TemplateView {
  version: TemplateVersionView;
  /** Every version, newest first, without their sources. */
  history: Array<{ version: number; createdAt: number; subject: string }>;
}

/** What a save stores as the next version. */
export interface TemplateInput {
  /** 1-100 letters, digits, `.`, `_` or `-`; case-insensitive. */
  name: string;
  subject: string;
  html?: string | null;
  text?: string | null;
  sampleData?: Record<string, unknown>;
}

/** A template rendered with variables, as a message would carry it. */
export interface TemplatePreview {
  subject: string;
  /** With CSS inlined. Show it only in a sandboxed frame. */
  html: string | null;
  text: string | null;
  /** Variables the template uses that the data did not give (rendered as empty). */
  missingVariables: string[];
  /** The version rendered; null for a draft. */
  version: number | null;
}
