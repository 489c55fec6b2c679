// Templates: Handlebars rendering (HTML escaped, subject and text not), CSS inlined into the
// HTML, missing variables reported, and every save a new version that stays renderable.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../engine/store/index';
import { ManualClock } from '../../../engine/shared/clock';
import { TemplateService } from '../../../engine/templates/index';
import { compileTemplate, missingVariables, renderCompiled } from '../../../engine/templates/render';

const WELCOME = {
  name: 'welcome',
  subject: 'Welcome, {{name}} & friends',
  html: '<html><head><style>p.lead { color: #123456; } @media (max-width: 600px) { p { font-size: 18px } }</style></head>' +
    '<body><p class="lead">Hi {{name}}</p>{{#if coupon}}<p>{{coupon.code}}</p>{{/if}}{{#each items}}<li>{{title}}</li>{{/each}}</body></html>',
  text: 'Hi {{name}} <3',
  sampleData: { name: 'Ada' },
};

let store: Store;
let clock: ManualClock;
let templates: TemplateService;

beforeEach(() => {
  store = openStore({ path: ':memory:' });
  clock = new ManualClock();
  templates = new TemplateService(store, clock);
});
afterEach(() => store.close());

describe('rendering', () => {
  it('escapes variables in HTML only, and inlines <style> rules while keeping media queries', async () => {
    const rendered = await renderCompiled(compileTemplate(WELCOME), { name: '<Ada>', items: [{ title: 'Book' }] });
    expect(rendered.subject).toBe('Welcome, <Ada> & friends');
    expect(rendered.text).toBe('Hi <Ada> <3');
    expect(rendered.html).toContain('<p class="lead" style="color: #123456;">Hi &lt;Ada&gt;</p>');
    expect(rendered.html).toContain('@media (max-width: 600px)');
    expect(rendered.html).toContain('<li>Book</li>');
  });

  it('keeps a subject on one line whatever the variables hold', async () => {
    const rendered = await renderCompiled(compileTemplate({ subject: 'Hi {{name}}', html: null, text: 'x' }), { name: 'a\r\nBcc: victim@example.com' });
    expect(rendered.subject).toBe('Hi a Bcc: victim@example.com');
  });

  it('lists top-level variables the data lacks, not those inside each blocks', () => {
    expect(missingVariables(WELCOME, {})).toEqual(['coupon', 'items', 'name']);
    expect(missingVariables(WELCOME, { name: 'x', coupon: { code: 'A' }, items: [] })).toEqual([]);
    expect(missingVariables({ subject: '{{user.first}}', html: null, text: null }, { user: {} })).toEqual(['user.first']);
  });

  it('refuses a template that is not valid Handlebars, naming the part', () => {
    expect(() => compileTemplate({ subject: 'ok', html: '<p>{{#if x}}</p>', text: null })).toThrow(/html is not valid Handlebars/);
  });
});

describe('TemplateService', () => {
  it('makes every save a new version and renders any of them', async () => {
    const first = await templates.save(WELCOME);
    clock.advance(1000);
    const second = await templates.save({ ...WELCOME, subject: 'Hello again, {{name}}' });
    expect([first.currentVersion, second.currentVersion]).toEqual([1, 2]);
    expect(second.history.map((h) => h.version)).toEqual([2, 1]);
    expect((await templates.render({ name: 'welcome' }, { name: 'Bo' })).subject).toBe('Hello again, Bo');
    expect((await templates.render({ id: first.id, version: 1 }, { name: 'Bo' })).subject).toBe('Welcome, Bo & friends');
    expect(templates.get('WELCOME', 1).version.subject).toBe(WELCOME.subject);
  });

  it('previews with sample data or a draft, and says what is missing', async () => {
    await templates.save(WELCOME);
    const preview = await templates.preview({ name: 'welcome' });
    expect(preview).toMatchObject({ subject: 'Welcome, Ada & friends', version: 1, missingVariables: ['coupon', 'items'] });
    const draft = await templates.preview({ draft: { subject: 'Draft {{x}}', html: null, text: 'T' }, variables: { x: 1 } });
    expect(draft).toEqual({ subject: 'Draft 1', html: null, text: 'T', missingVariables: [], version: null });
  });

  it('removes a template but lets its name be used again; unknown ones are not found', async () => {
    const old = await templates.save(WELCOME);
    expect(await templates.remove('welcome')).toBe(true);
    expect(() => templates.get('welcome')).toThrow(/No template "welcome"/);
    const fresh = await templates.save(WELCOME);
    expect(fresh.id).not.toBe(old.id);
    expect(fresh.currentVersion).toBe(1);
    await expect(templates.render({ name: 'nope' }, {})).rejects.toThrow('No template "nope".');
    await expect(templates.render({ name: 'welcome', version: 9 }, {})).rejects.toThrow(/has no version 9/);
  });

  it('refuses names it cannot use and templates without a body', async () => {
    await expect(templates.save({ ...WELCOME, name: 'a b' })).rejects.toThrow(/name "a b" is not allowed/);
    await expect(templates.save({ name: 'x', subject: 's', html: null, text: null })).rejects.toThrow(/needs an html or a text part/);
  });
});
