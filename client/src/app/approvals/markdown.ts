// Moved to shared/markdown; this path stays until the incidents page imports it from there.
export { renderMarkdown } from '../shared/markdown/render-markdown';
