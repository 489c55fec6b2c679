// Rendering a template's subject, HTML and text with Handlebars, inlining the HTML's CSS
// with juice, and finding the variables a template uses that the data does not give.
import Handlebars from 'handlebars';
import { ValidationError } from '../shared/errors';

export interface TemplateSource {
  subject: string;
  html: string | null;
  text: string | null;
}

export interface RenderedTemplate {
  subject: string;
  html: string | null;
  text: string | null;
}

type Part = keyof TemplateSource;
type Compiled = { [P in Part]: HandlebarsTemplateDelegate | null };

// An instance of our own: helpers or partials registered elsewhere never reach templates.
const handlebars = Handlebars.create();

/**
 * Compiles every part now, so a syntax error is reported when the template is saved,
 * naming the part. HTML output is escaped; the subject and text are not (they are not HTML).
 */
export function compileTemplate(source: TemplateSource): Compiled {
  const compile = (part: Part, isHtml: boolean): HandlebarsTemplateDelegate | null => {
    const text = source[part];
    if (text === null) return null;
    try {
      handlebars.parse(text);
      return handlebars.compile(text, { noEscape: !isHtml, strict: false });
    } catch (error) {
      throw new ValidationError(`The template's ${part} is not valid Handlebars: ${(error as Error).message.split('\n')[0]}`, { field: part });
    }
  };
  return { subject: compile('subject', false), html: compile('html', true), text: compile('text', false) };
}

/** Renders compiled parts; a variable the data lacks renders as nothing, as hosted providers do. */
export async function renderCompiled(compiled: Compiled, data: Record<string, unknown>): Promise<RenderedTemplate> {
  const run = (template: HandlebarsTemplateDelegate | null): string | null => {
    if (!template) return null;
    try {
      return template(data);
    } catch (error) {
      throw new ValidationError(`The template could not be rendered with these variables: ${(error as Error).message}`, { field: 'variables' });
    }
  };
  const html = run(compiled.html);
  return {
    // RFC 5322 §2.2: a header value has no line breaks of its own; a variable must not add any.
    subject: (run(compiled.subject) ?? '').replace(/[\r\n]+/g, ' ').trim(),
    html: html === null ? null : await inlineCss(html),
    text: run(compiled.text),
  };
}

/**
 * Moves the rules of <style> blocks onto the elements' style attributes, because many
 * mail clients (Gmail's apps among them) drop <style>. Media queries and @font-face stay
 * in a <style> block, where the clients that honour them look. Only when there is CSS to
 * inline: juice parses the whole document.
 */
async function inlineCss(html: string): Promise<string> {
  if (!/<style[\s>]/i.test(html)) return html;
  // Loaded on first use: juice brings an HTML parser that costs every host start otherwise.
  const { default: juice } = await import('juice');
  return juice(html, { preserveMediaQueries: true, preserveFontFaces: true, applyWidthAttributes: true, applyHeightAttributes: true });
}

/** Top-level variables the parts read (outside `each`/`with` blocks) that `data` does not have. */
export function missingVariables(source: TemplateSource, data: Record<string, unknown>): string[] {
  const used = new Set<string>();
  for (const text of [source.subject, source.html, source.text]) {
    if (text !== null) collectPaths(handlebars.parse(text), used);
  }
  const missing = [...used].filter((path) => lookup(data, path.split('.')) === undefined);
  // `coupon.code` says nothing more once `coupon` itself is missing.
  return missing.filter((path) => !missing.some((other) => path.startsWith(`${other}.`))).sort();
}

// Blocks that keep the context (if, unless) are walked into; blocks that change it
// (each, with, custom helpers) contribute only their parameters, whose paths are top-level.
const CONTEXT_KEEPING_BLOCKS = new Set(['if', 'unless']);

function collectPaths(program: hbs.AST.Program, used: Set<string>): void {
  for (const statement of program.body) {
    if (statement.type === 'MustacheStatement' || statement.type === 'BlockStatement') {
      const node = statement as hbs.AST.MustacheStatement | hbs.AST.BlockStatement;
      const hasParams = node.params.length > 0 || (node.hash?.pairs.length ?? 0) > 0;
      if (!hasParams && statement.type === 'MustacheStatement') addPath(node.path, used);
      for (const param of [...node.params, ...(node.hash?.pairs.map((pair) => pair.value) ?? [])]) addPath(param, used);
      if (statement.type === 'BlockStatement') {
        const block = statement as hbs.AST.BlockStatement;
        const name = block.path.type === 'PathExpression' ? (block.path as hbs.AST.PathExpression).original : '';
        if (CONTEXT_KEEPING_BLOCKS.has(name)) collectPaths(block.program, used);
        if (block.inverse) collectPaths(block.inverse, used);
      }
    }
  }
}

function addPath(node: hbs.AST.Node, used: Set<string>): void {
  if (node.type !== 'PathExpression') return;
  const path = node as hbs.AST.PathExpression;
  if (path.data || path.depth > 0 || path.parts.length === 0 || path.original.startsWith('this')) return;
  used.add(path.parts.join('.'));
}

function lookup(data: unknown, parts: string[]): unknown {
  let current = data;
  for (const part of parts) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
