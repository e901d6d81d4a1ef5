#include "ccld2.h"
#include <cstdio>
#include <cld2/public/compact_lang_det.h>
#include <cstring>

extern "C" int ccld2_detect(const char *utf8, int length, char *code, int codeSize, int *percent, int *reliable) {
    CLD2::Language language3[3];
    int percent3[3] = {0, 0, 0};
    double scores3[3] = {0, 0, 0};
    int textBytes = 0;
    bool isReliable = false;
    int validPrefix = 0;
    CLD2::Language best = CLD2::ExtDetectLanguageSummaryCheckUTF8(
        utf8, length, true, nullptr, 0, language3, percent3, scores3, nullptr, &textBytes, &isReliable, &validPrefix);
    const char *c = CLD2::LanguageCode(best);
    if (c == nullptr) c = "un";
    if (codeSize > 0) {
        std::strncpy(code, c, (size_t)codeSize - 1);
        code[codeSize - 1] = '\0';
    }
    if (percent) *percent = percent3[0];
    if (reliable) *reliable = isReliable ? 1 : 0;
    return textBytes;
}
