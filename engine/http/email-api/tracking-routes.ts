// The endpoints recipients reach through tracking.publicBaseUrl: the open pixel, the click
// redirect and the unsubscribe page with its one-click POST (RFC 8058).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpHit, TrackingService } from '../../tracking/index';
import { PAGE_HEADERS, confirmPage, donePage, maskAddress, problemPage } from './pages';

// The smallest transparent GIF: 1x1, one colour, 43 bytes.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const NO_STORE = 'no-store, no-cache, must-revalidate, private';
/** RFC 8058 §3.1: the field a mail client POSTs for a one-click unsubscribe, as a form or multipart/form-data. */
const ONE_CLICK = /(^|&)List-Unsubscribe=One-Click(&|$)|name="List-Unsubscribe"\r\n\r\nOne-Click\r\n/;
const FORM_BODY_LIMIT = 64 * 1024;

export function registerTrackingRoutes(app: FastifyInstance, tracking: TrackingService): void {
  app.register(async (scope) => {
    // Mail clients post one-click unsubscribes as forms (RFC 8058 §3.1); only here are forms read.
    scope.addContentTypeParser(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'],
      { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => done(null, body));

    // GET and, through Fastify's automatic HEAD routes, HEAD: a HEAD is recorded as automated.
    scope.get<{ Params: { file: string } }>('/t/o/:file', async (request, reply) => {
      tracking.recordOpen(request.params.file.replace(/\.gif$/i, ''), hitOf(request));
      // A forged token gets the same image: whether a token is valid is not for anyone to probe.
      return reply.headers({ 'content-type': 'image/gif', 'cache-control': NO_STORE, 'content-length': PIXEL.length }).send(PIXEL);
    });

    scope.get<{ Params: { token: string }; Querystring: { u?: string } }>('/t/c/:token', async (request, reply) => {
      const target = tracking.recordClick(request.params.token, request.query.u ?? '', hitOf(request));
      if (!target) return html(reply.code(404), problemPage('Link not found', 'This link is not valid. It may have been copied incompletely.'));
      return reply.code(302).headers({ location: target, 'cache-control': NO_STORE, 'referrer-policy': 'no-referrer' }).send();
    });

    scope.get<{ Params: { token: string } }>('/u/:token', async (request, reply) => {
      const messageId = tracking.unsubscribeMessage(request.params.token);
      const found = messageId ? tracking.unsubscribeTarget(messageId) : null;
      if (!found?.ok) return html(reply.code(404), problemPage('Unsubscribe link not valid', found?.reason ?? 'This unsubscribe link is not valid.'));
      return html(reply, confirmPage(maskAddress(found.target.recipient.address), found.target.senderDomain));
    });

    scope.post<{ Params: { token: string } }>('/u/:token', async (request, reply) => {
      const messageId = tracking.unsubscribeMessage(request.params.token);
      if (!messageId) return html(reply.code(404), problemPage('Unsubscribe link not valid', 'This unsubscribe link is not valid.'));
      const body = typeof request.body === 'string' ? request.body : '';
      const outcome = await tracking.unsubscribe(messageId, ONE_CLICK.test(body) ? 'one-click' : 'page', hitOf(request));
      if (!outcome.ok) return html(reply.code(404), problemPage('Unsubscribe link not valid', outcome.reason));
      return html(reply, donePage(maskAddress(outcome.target.recipient.address), outcome.target.senderDomain));
    });
  });
}

function hitOf(request: FastifyRequest): HttpHit {
  return { method: request.method, userAgent: request.headers['user-agent'] ?? null, ip: request.ip };
}

function html(reply: FastifyReply, body: string): FastifyReply {
  return reply.headers(PAGE_HEADERS).send(body);
}
