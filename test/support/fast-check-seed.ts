import fc from "fast-check";

// Property tests are deterministic in CI: one seed for every run (FC_SEED=random explores others).
const env = process.env["FC_SEED"];
if (env !== "random") fc.configureGlobal({ seed: env ? Number(env) : 20261126 });
