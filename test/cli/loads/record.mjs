// `node --import ./record.mjs ...`: appends the URL of every module the process loads (by import,
// static or dynamic) to the file named by ZPRIME_MC_LOAD_LOG, one a line, from Node's module hooks.
import { register } from 'node:module';

register('./hooks.mjs', import.meta.url, { data: { log: process.env.ZPRIME_MC_LOAD_LOG } });
