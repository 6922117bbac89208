/** Interface icons as inline SVG, so they never depend on an emoji font being installed. */
const SVG_NS = 'http://www.w3.org/2000/svg';

const PATHS = {
  hash: 'M5.9 20 6.6 16H3.4l.3-2h3.3l1-6H4.7l.3-2h3.3l.7-4h2l-.7 4h6l.7-4h2l-.7 4h3.2l-.3 2h-3.3l-1 6h3.3l-.3 2h-3.3l-.7 4h-2l.7-4h-6l-.7 4h-2Zm3.1-6h6l1-6h-6l-1 6Z',
  speaker: 'M11 4.5 6.6 8.5H3.5A1.5 1.5 0 0 0 2 10v4a1.5 1.5 0 0 0 1.5 1.5h3.1L11 19.5a1 1 0 0 0 1.7-.7V5.2a1 1 0 0 0-1.7-.7Zm4.6 3.1a1 1 0 0 1 1.4 0 6.3 6.3 0 0 1 0 8.8 1 1 0 1 1-1.4-1.4 4.3 4.3 0 0 0 0-6 1 1 0 0 1 0-1.4Zm2.9-2.8a1 1 0 0 1 1.4 0 10.3 10.3 0 0 1 0 14.4 1 1 0 1 1-1.4-1.4 8.3 8.3 0 0 0 0-11.6 1 1 0 0 1 0-1.4Z',
  megaphone: 'M19 4.3v15.4a1 1 0 0 1-1.5.8L12 17H8l1 4H6.5l-1.3-4H5a3 3 0 0 1-3-3v-4a3 3 0 0 1 3-3h7l5.5-3.5a1 1 0 0 1 1.5.8ZM21 10a1 1 0 0 1 1 1v2a1 1 0 1 1-2 0v-2a1 1 0 0 1 1-1Z',
  forum: 'M4 4h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Zm3 5v2h10V9H7Zm0 4v2h6v-2H7Z',
  muted: 'M3.3 2.3 21.7 20.7l-1.4 1.4-4.1-4.1A8 8 0 0 1 13 19v2h-2v-2a8 8 0 0 1-7-8h2a6 6 0 0 0 8.7 5.4l-1.5-1.5A4 4 0 0 1 8 11V7.4L1.9 3.7l1.4-1.4ZM12 2a4 4 0 0 1 4 4v5c0 .4 0 .8-.2 1.2L9.1 5.5A4 4 0 0 1 12 2Zm6 9h2a8 8 0 0 1-1 3.9l-1.5-1.5c.3-.8.5-1.6.5-2.4Z',
} as const;

export type IconName = keyof typeof PATHS;

export function icon(name: IconName, label?: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '18');
  svg.setAttribute('height', '18');
  svg.setAttribute('class', `icon icon-${name}`);
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
  } else {
    svg.setAttribute('aria-hidden', 'true');
  }
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', PATHS[name]);
  path.setAttribute('fill', 'currentColor');
  svg.appendChild(path);
  return svg;
}
