import { escapeHtml } from '@kitajs/html';

/**
 * Makes an ECharts SSR SVG fit a strict Content-Security-Policy (no inline styles): drops the <style>
 * block (hover effects only, useless without JavaScript), turns style="…" into presentation attributes,
 * drops ECharts' metadata attributes, and gives the root an accessible name and a fluid size.
 */
export function sanitizeChartSvg(svg: string, label: string): string {
  return svg
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_match, declarations: string) => toPresentationAttributes(declarations))
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/<svg width="[\d.]+" height="[\d.]+"/, `<svg role="img" aria-label="${escapeHtml(label)}" focusable="false" class="chart"`);
}

function toPresentationAttributes(declarations: string): string {
  return declarations
    .split(';')
    .map((declaration) => declaration.split(':').map((part) => part.trim()))
    .filter((parts): parts is [string, string] => parts.length === 2 && /^[a-z-]+$/.test(parts[0] ?? '') && parts[1] !== '')
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
}
