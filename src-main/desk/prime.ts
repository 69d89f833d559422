// Size of the warm-up decode that main (session.ts) and each decode worker run at start:
// enough to compile the decoder's paths, small enough (a few ms) not to hold up the first
// request, which arrives right after start.
export const PRIME_ROWS = 2048
