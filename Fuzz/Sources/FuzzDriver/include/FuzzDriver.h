#ifndef GAZETTE_FUZZ_DRIVER_H
#define GAZETTE_FUZZ_DRIVER_H

/**
 * Runs libFuzzer on the program's LLVMFuzzerTestOneInput with the command line's options.
 * SwiftPM gives each executable its own entry symbol, which keeps libFuzzer's main() out of the
 * link, so each target's main.swift calls this instead.
 */
int gazette_fuzz_run(int argc, char **argv);

#endif
