// Templates capability: versioned Handlebars templates, rendered with CSS inlined.
export { TemplateService } from './service';
export type { TemplateRef, RenderedMessage } from './service';
