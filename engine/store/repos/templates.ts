// Templates: a name pointing at its current version; every save adds a version.
import type { WriteDb } from '../database';
import type { TemplateVersionView, TemplateView } from '../../api/contract';

export type StoredTemplate = TemplateView;

export interface StoredTemplateVersion extends TemplateVersionView {
  templateId: number;
}

interface TemplateRow {
  id: number;
  name: string;
  current_version: number;
  created_at: number;
  updated_at: number;
}

interface VersionRow {
  template_id: number;
  version: number;
  subject: string;
  html: string | null;
  text: string | null;
  sample_data: string;
  created_at: number;
}

const toTemplate = (row: TemplateRow): StoredTemplate => ({
  id: row.id, name: row.name, currentVersion: row.current_version, createdAt: row.created_at, updatedAt: row.updated_at,
});

const toVersion = (row: VersionRow): StoredTemplateVersion => ({
  templateId: row.template_id, version: row.version, subject: row.subject, html: row.html, text: row.text,
  sampleData: JSON.parse(row.sample_data) as Record<string, unknown>, createdAt: row.created_at,
});

export class TemplatesRepo {
  private readonly listStatement;
  private readonly byNameStatement;
  private readonly byIdStatement;
  private readonly insertStatement;
  private readonly bumpStatement;
  private readonly removeStatement;
  private readonly insertVersionStatement;
  private readonly versionStatement;
  private readonly versionsStatement;

  constructor(db: WriteDb) {
    const live = 'removed_at IS NULL';
    this.listStatement = db.prepare<[], TemplateRow>(`SELECT * FROM templates WHERE ${live} ORDER BY name`);
    this.byNameStatement = db.prepare<[string], TemplateRow>(`SELECT * FROM templates WHERE name = ? AND ${live}`);
    this.byIdStatement = db.prepare<[number], TemplateRow>(`SELECT * FROM templates WHERE id = ? AND ${live}`);
    this.insertStatement = db.prepare<{ name: string; now: number }, { id: number }>(
      'INSERT INTO templates (name, current_version, created_at, updated_at) VALUES (@name, 1, @now, @now) RETURNING id');
    this.bumpStatement = db.prepare('UPDATE templates SET current_version = @version, updated_at = @now WHERE id = @id');
    this.removeStatement = db.prepare(`UPDATE templates SET removed_at = @now WHERE id = @id AND ${live}`);
    this.insertVersionStatement = db.prepare(`INSERT INTO template_versions
      (template_id, version, subject, html, text, sample_data, created_at)
      VALUES (@templateId, @version, @subject, @html, @text, @sampleData, @createdAt)`);
    this.versionStatement = db.prepare<[number, number], VersionRow>('SELECT * FROM template_versions WHERE template_id = ? AND version = ?');
    this.versionsStatement = db.prepare<[number], VersionRow>('SELECT * FROM template_versions WHERE template_id = ? ORDER BY version DESC');
  }

  list(): StoredTemplate[] {
    return this.listStatement.all().map(toTemplate);
  }

  byName(name: string): StoredTemplate | undefined {
    const row = this.byNameStatement.get(name);
    return row && toTemplate(row);
  }

  byId(id: number): StoredTemplate | undefined {
    const row = this.byIdStatement.get(id);
    return row && toTemplate(row);
  }

  /** Adds a version (creating the template on its first save); returns the template as saved. */
  save(name: string, content: Omit<StoredTemplateVersion, 'templateId' | 'version'>): StoredTemplate {
    const existing = this.byName(name);
    const id = existing?.id ?? this.insertStatement.get({ name, now: content.createdAt })!.id;
    const version = existing ? existing.currentVersion + 1 : 1;
    this.insertVersionStatement.run({ ...content, templateId: id, version, sampleData: JSON.stringify(content.sampleData) });
    if (existing) this.bumpStatement.run({ id, version, now: content.createdAt });
    return this.byId(id)!;
  }

  remove(id: number, now: number): boolean {
    return this.removeStatement.run({ id, now }).changes > 0;
  }

  version(templateId: number, version: number): StoredTemplateVersion | undefined {
    const row = this.versionStatement.get(templateId, version);
    return row && toVersion(row);
  }

  versions(templateId: number): StoredTemplateVersion[] {
    return this.versionsStatement.all(templateId).map(toVersion);
  }
}
