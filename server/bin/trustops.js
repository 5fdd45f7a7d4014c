#!/usr/bin/env node
// The `trustops` command (package.json "bin"). The code is compiled TypeScript in dist/cli; this
// file only exists so that the command keeps its executable bit however dist is built.
import { runFromProcess } from '../dist/cli/trustops.js';

runFromProcess();
