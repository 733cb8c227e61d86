/**
 * The dialogs a card opens, fetched together the first time one is asked for: most people
 * never open them, so they stay out of the board's first load. One module rather than
 * three keeps the code they share with the board in one place instead of many small files.
 */
export { default as LinkDialog } from './LinkDialog.svelte';
export { default as MergeDialog } from './MergeDialog.svelte';
export { default as MoveToThemeDialog } from './MoveToThemeDialog.svelte';
