// The constants of the segmentation contract that the engine needs at run time, in a module
// without zod: segmentation.ts (the schemas) re-exports them, and the engine imports them from
// here, so loading the engine (galley segment, the import workers) does not load the schema
// library it never runs.

export const SEGMENTATION_SCHEMA = 'galley.segmentation/1' as const;

/** Below this confidence a split or a title role is a doubt: the workspace marks it and F8 walks to it. */
export const DOUBT_THRESHOLD = 0.8;
