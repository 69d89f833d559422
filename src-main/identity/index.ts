// Identities: who the caller is, as an Ed25519 key pair kept in the user's config folder
// (BORELOG_CONFIG_DIR, else ~/.borelog-desk), never in a store. A store sees only the
// Signer this layer hands it (store/keys.ts) and the public keys registered in it.
// One config folder may hold several identities, one file each, selected by name:
//   <config>/identities/{sha256(name)}.json   name, public key, fingerprint, private key (mode 0600)
//   <config>/identity.json                    {"name": ...}: the default, set by `identity init`
// A key file is created whole under a temp name and hard-linked into place, so two
// processes creating the same identity at once end up with one key, never two.
// See docs/ARCHITECTURE.md, "Signed history", and docs/SECURITY.md, "Identity".
export {
  createIdentity,
  defaultIdentityName,
  generateSigner,
  identityNameProblem,
  loadIdentity,
  resolveIdentity,
  setDefaultIdentity,
  type Identity,
} from './identity-files'
