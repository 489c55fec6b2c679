// Templates: save (every save is a new version), look up, remove, preview, and render a
// version for a message, caching compiled versions (a version never changes once saved).
import type { TemplateDetail, TemplateInput, TemplatePreview, TemplateView } from '../api/contract';
import type { Store, StoredTemplate, StoredTemplateVersion } from '../store/index';
import type { Clock } from '../shared/clock';
import { NotFoundError, ValidationError } from '../shared/errors';
import { compileTemplate, missingVariables, renderCompiled, type RenderedTemplate, type TemplateSource } from './render';

/** Which template to use: by id or name, the current version unless one is given. */
export interface TemplateRef {
  id?: number;
  name?: string;
  version?: number;
}

export interface RenderedMessage extends RenderedTemplate {
  templateId: number;
  templateName: string;
  version: number;
}

const NAME = /^[A-Za-z0-9._-]{1,100}$/;
const CACHE_LIMIT = 500;

export class TemplateService {
  private readonly compiled = new Map<string, ReturnType<typeof compileTemplate>>();

  constructor(private readonly store: Store, private readonly clock: Clock) {}

  list(): TemplateView[] {
    return this.store.templates.list();
  }

  get(name: string, version?: number): TemplateDetail {
    return this.detail(this.byName(name), version);
  }

  async save(input: TemplateInput): Promise<TemplateDetail> {
    if (!NAME.test(input.name)) throw new ValidationError(`Template name "${input.name}" is not allowed: use 1-100 letters, digits, ".", "_" or "-".`, { field: 'name' });
    const source = { subject: input.subject, html: input.html ?? null, text: input.text ?? null };
    if (source.html === null && source.text === null) throw new ValidationError('A template needs an html or a text part (or both).', { field: 'html' });
    compileTemplate(source);
    const saved = await this.store.writer.commit(() => this.store.templates.save(input.name, {
      ...source, sampleData: input.sampleData ?? {}, createdAt: this.clock.now(),
    }));
    return this.detail(saved);
  }

  async remove(name: string): Promise<boolean> {
    const template = this.store.templates.byName(name);
    if (!template) return false;
    return this.store.writer.commit(() => this.store.templates.remove(template.id, this.clock.now()));
  }

  /** Renders a stored version, or a draft not saved yet; without variables, the version's sample data. */
  async preview(params: { name?: string; version?: number; draft?: TemplateSource; variables?: Record<string, unknown> }): Promise<TemplatePreview> {
    if (params.draft) {
      const data = params.variables ?? {};
      const rendered = await renderCompiled(compileTemplate(params.draft), data);
      return { ...rendered, missingVariables: missingVariables(params.draft, data), version: null };
    }
    if (!params.name) throw new ValidationError('Give the name of a template or a draft to preview.', { field: 'name' });
    const { version } = this.resolve({ name: params.name, version: params.version });
    const data = params.variables ?? version.sampleData;
    const rendered = await renderCompiled(this.compile(version), data);
    return { ...rendered, missingVariables: missingVariables(version, data), version: version.version };
  }

  /** Renders the referenced version for a message. */
  async render(ref: TemplateRef, variables: Record<string, unknown>): Promise<RenderedMessage> {
    const { template, version } = this.resolve(ref);
    const rendered = await renderCompiled(this.compile(version), variables);
    return { ...rendered, templateId: template.id, templateName: template.name, version: version.version };
  }

  private resolve(ref: TemplateRef): { template: StoredTemplate; version: StoredTemplateVersion } {
    const template = ref.id !== undefined ? this.store.templates.byId(ref.id) : ref.name !== undefined ? this.store.templates.byName(ref.name) : undefined;
    const named = ref.id !== undefined ? `id ${ref.id}` : `"${ref.name ?? ''}"`;
    if (!template) throw new NotFoundError(`No template ${named}.`, { field: 'template' });
    const number = ref.version ?? template.currentVersion;
    const version = this.store.templates.version(template.id, number);
    if (!version) throw new NotFoundError(`Template ${named} has no version ${number} (current: ${template.currentVersion}).`, { field: 'template.version' });
    return { template, version };
  }

  private compile(version: StoredTemplateVersion): ReturnType<typeof compileTemplate> {
    const key = `${version.templateId}:${version.version}`;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      if (this.compiled.size >= CACHE_LIMIT) this.compiled.clear();
      compiled = compileTemplate(version);
      this.compiled.set(key, compiled);
    }
    return compiled;
  }

  private byName(name: string): StoredTemplate {
    const template = this.store.templates.byName(name);
    if (!template) throw new NotFoundError(`No template "${name}".`, { name });
    return template;
  }

  private detail(template: StoredTemplate, number = template.currentVersion): TemplateDetail {
    const versions = this.store.templates.versions(template.id);
    const version = versions.find((v) => v.version === number);
    if (!version) throw new NotFoundError(`Template "${template.name}" has no version ${number} (current: ${template.currentVersion}).`, { version: number });
    const { templateId: _templateId, ...view } = version;
    return {
      ...template,
      version: view,
      history: versions.map((v) => ({ version: v.version, createdAt: v.createdAt, subject: v.subject })),
    };
  }
}
