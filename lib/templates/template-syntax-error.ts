/** A mega-prompt that cannot be rendered: an unknown tag, a variable it does not have, a section left open. */
export class TemplateSyntaxError extends Error {}
