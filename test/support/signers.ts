// Signers for tests below the identity layer (store, sync), which may not import it:
// in-memory Ed25519 key pairs, one per call.
export { generateSigner } from '../../src-main/identity/index'
