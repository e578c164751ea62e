/** The entry of demo/editor.html. */
import { startEditor } from './rules-editor.js';

await startEditor(document.querySelector<HTMLElement>('#editor')!);
