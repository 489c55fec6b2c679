// The Templates page's pure parts: the editor's fields become the contract's input (empty
// parts are absent, sample data is a JSON object), and the SMTP variables header is the
// base64 of the UTF-8 JSON the relay decodes (engine/compose/control-headers.ts).
import { describe, expect, it } from 'vitest';
import { draftOf, fieldsOf, parseSampleData, toTemplateInput, variablesHeader } from '../../../renderer/views/templates/template-fields';

describe('template editor fields', () => {
  const fields = { ...fieldsOf('welcome', null), subject: 'Hi {{name}}', html: '<p>Hi {{name}}</p>', sampleData: '{"name": "Ada"}' };

  it('builds the saved input, leaving out an empty part', () => {
    expect(toTemplateInput(fields)).toEqual({ ok: true, value: { name: 'welcome', subject: 'Hi {{name}}', html: '<p>Hi {{name}}</p>', text: null, sampleData: { name: 'Ada' } } });
    expect(draftOf({ ...fields, html: '  ', text: 'Hi' })).toEqual({ subject: 'Hi {{name}}', html: null, text: 'Hi' });
  });

  it('names what to fix', () => {
    expect(toTemplateInput({ ...fields, name: 'two words' })).toMatchObject({ ok: false, message: expect.stringMatching(/^Name/) });
    expect(toTemplateInput({ ...fields, html: '', text: '' })).toMatchObject({ ok: false, message: expect.stringMatching(/HTML or a text part/) });
    expect(parseSampleData('[1]')).toMatchObject({ ok: false, message: expect.stringMatching(/JSON object/) });
    expect(parseSampleData('{"name":')).toMatchObject({ ok: false, message: expect.stringMatching(/^Sample data is not JSON/) });
    expect(parseSampleData('')).toEqual({ ok: true, value: {} });
  });

  it('encodes variables for X-Relaydesk-Variables as base64 of UTF-8 JSON', () => {
    const header = variablesHeader({ name: 'Zoë', items: [1, 2] });
    expect(JSON.parse(Buffer.from(header, 'base64').toString('utf8'))).toEqual({ name: 'Zoë', items: [1, 2] });
  });
});
