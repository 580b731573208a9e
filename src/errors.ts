/** A mistake in how trailguard was called: exit status 2. */
export class UsageError extends Error {}
