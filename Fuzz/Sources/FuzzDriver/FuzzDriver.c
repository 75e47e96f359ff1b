#include "FuzzDriver.h"

#include <stddef.h>
#include <stdint.h>

// Both come from the link: the driver from libFuzzer, the callback from the target's main.swift.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int gazette_fuzz_run(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
