// Cimkit web console: the little script the pages use (no third-party code).
'use strict';
