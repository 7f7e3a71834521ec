// The few HTML pages the LTI flow answers itself (inside the LMS's frame or window, outside Next).

/** Escapes text for HTML content and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A minimal page in the site's look. */
export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem}
label{display:block;margin:.4rem 0}button{margin-top:1rem;padding:.4rem 1rem}.muted{color:#666}</style>
</head><body>${body}</body></html>`;
}

/** A page that POSTs `fields` to `action` as soon as it loads (the LTI way to hand a JWT back). */
export function autoPost(action: string, fields: Record<string, string>, title: string): string {
  const inputs = Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('');
  return page(
    title,
    `<form id="lti-return" method="post" action="${esc(action)}">${inputs}<p>${esc(title)}…</p><noscript><button type="submit">Continue</button></noscript></form>
<script>document.getElementById('lti-return').submit();</script>`,
  );
}
