#ifndef CCLD2_H
#define CCLD2_H
// A C face for Compact Language Detector 2 (Debian: libcld2-dev), whose API is C++.
#ifdef __cplusplus
extern "C" {
#endif

/// The detected language of UTF-8 plain text. Writes the ISO 639-1 code (or "un" for unknown) of
/// the best language into `code` (at least 8 bytes), its share of the text in percent into
/// `percent`, and whether CLD2 calls the result reliable. Returns the number of letters scored.
int ccld2_detect(const char *utf8, int length, char *code, int codeSize, int *percent, int *reliable);

#ifdef __cplusplus
}
#endif
#endif
