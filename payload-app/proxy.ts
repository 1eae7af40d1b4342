import { NextResponse, type NextRequest } from 'next/server';

/**
 * Payload accepts the session cookie on a request without an Origin header only when Sec-Fetch-Site says the
 * request is the site's own. Browsers send Sec-Fetch-Site only to https and localhost origins, so at a plain-http
 * LAN name or behind a plain-http proxy every page load and read would count as signed out.
 *
 * A GET or HEAD that has neither header cannot have come from another page's script (those carry Origin to any
 * other origin); it is a navigation, an embedded image, or the page reading its own origin. Those are reads, other
 * sites' subresource requests carry no session cookie (SameSite=Lax), and writes always carry Origin and meet
 * Payload's allow-list unchanged. So such reads are marked as the site's own.
 */
export function proxy(request: NextRequest): NextResponse {
  const read = request.method === 'GET' || request.method === 'HEAD';
  if (read && !request.headers.has('origin') && !request.headers.has('sec-fetch-site')) {
    const headers = new Headers(request.headers);
    headers.set('sec-fetch-site', 'same-origin');
    return NextResponse.next({ request: { headers } });
  }
  return NextResponse.next();
}

/**
 * Only requests this may change reach it. Next hands a proxy a copy of the request body, cut at 10 MB, and the request
 * then goes on with that copy: an upload (always with a content type) must never pass through here.
 */
export const config = {
  matcher: [
    {
      source: '/:path*',
      missing: [
        { type: 'header', key: 'origin' },
        { type: 'header', key: 'sec-fetch-site' },
        { type: 'header', key: 'content-type' },
      ],
    },
  ],
};
