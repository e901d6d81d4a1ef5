// Hunspell's C API (Debian: libhunspell-dev). Handles are not thread-safe; see BSMRules/Support/Hunspell.swift.
#include <hunspell/hunspell.h>
