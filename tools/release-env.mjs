// How the release build compiles: the environment tools/build.sh gives Trunk's cargo, and
// tools/size-breakdown.mjs its own, so both build the same wasm. Printed as shell `export`s
// when run (`eval "$(node tools/release-env.mjs)"`).
//
// The standard library is compiled with the widget (cargo's build-std, from the rust-src
// component tools/setup.sh adds) at the release profile's opt-level "z" and with its
// optimize_for_size feature, rather than taken prebuilt, compiled for speed; panics carry no
// file and line (-Zlocation-detail=none) and `{:?}` writes nothing (-Zfmt-debug=none: the
// widget's own messages use Display). The lean bundle came to 158,641 brotli bytes from
// 166,984 (-5.0 %), the full one to 220,225 from 230,822. build-std and both flags are
// unstable: RUSTC_BOOTSTRAP=1 lets the stable compiler take them, for this build alone (the
// tests compile as usual). A compiler release that drops them fails the release build, which
// the test command runs.
//
// Panics still run the hook (panic = "abort", not "immediate-abort", which would save another
// 3 %): src/platform/crash.rs's apology and `seda:error` depend on it.
import { pathToFileURL } from "node:url";

export const RELEASE_ENV = {
  RUSTC_BOOTSTRAP: "1",
  CARGO_UNSTABLE_BUILD_STD: "std,panic_abort",
  CARGO_UNSTABLE_BUILD_STD_FEATURES: "optimize_for_size",
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: "-Zlocation-detail=none -Zfmt-debug=none",
};

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [name, value] of Object.entries(RELEASE_ENV)) console.log(`export ${name}='${value}'`);
}
