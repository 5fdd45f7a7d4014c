// Moved to shared/markdown; this path stays until the runs transcript imports it from there.
export { MarkdownViewComponent } from '../shared/markdown/markdown-view.component';
