// When the diagram draws zones collapsed.

/** A zone with more assets than this is drawn collapsed until the user opens it. */
export const COLLAPSE_ABOVE = 40;
/** A factory with more assets than this opens as an overview: every zone collapsed. */
export const COLLAPSE_ALL_ABOVE = 1500;
