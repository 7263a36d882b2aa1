/* A stand-in for Windows 10's icuuc.dll, for wine only: never shipped.
 *
 * Qt6Core.dll imports ICU's converter functions (ucnv_*) from the icuuc.dll that Windows 10
 * (1903 and later) and 11 carry in System32. Debian 12's wine (8.0) has no such DLL, so Qt6Core
 * (and with it the build's PyInstaller Qt hooks, the self-test and the window) would not load.
 * Qt uses these functions only for text codecs beyond its own (UTF-8/16/32, Latin-1, the system
 * code page); this stand-in offers none: ucnv_open fails with U_FILE_ACCESS_ERROR and the list
 * of converters is empty, which Qt handles as "codec not available".
 *
 * Built by packaging/windows/wine-prefix.sh with mingw-w64 into the build and test wine
 * prefixes' System32; the spec refuses to bundle an icuuc.dll. */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)
typedef int UErrorCode;
typedef uint16_t UChar;
enum { U_FILE_ACCESS_ERROR = 4 };

EXPORT void *ucnv_open(const char *name, UErrorCode *err) { (void)name; if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR; return NULL; }
EXPORT void ucnv_close(void *cnv) { (void)cnv; }
EXPORT void ucnv_reset(void *cnv) { (void)cnv; }
EXPORT int8_t ucnv_getMaxCharSize(const void *cnv) { (void)cnv; return 1; }
EXPORT const char *ucnv_getName(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return NULL; }
EXPORT void ucnv_getToUCallBack(const void *cnv, void **action, const void **context) { (void)cnv; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_getFromUCallBack(const void *cnv, void **action, const void **context) { (void)cnv; if (action) *action = NULL; if (context) *context = NULL; }
EXPORT void ucnv_setToUCallBack(void *c, void *a, const void *ctx, void **oa, const void **octx, UErrorCode *err) { (void)c; (void)a; (void)ctx; (void)oa; (void)octx; (void)err; }
EXPORT void ucnv_setFromUCallBack(void *c, void *a, const void *ctx, void **oa, const void **octx, UErrorCode *err) { (void)c; (void)a; (void)ctx; (void)oa; (void)octx; (void)err; }
EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *s, int32_t len, int32_t off, UErrorCode *err) { (void)args; (void)s; (void)len; (void)off; (void)err; }
EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **s, const UChar *end, int32_t off, UErrorCode *err) { (void)args; (void)s; (void)end; (void)off; (void)err; }
EXPORT void ucnv_toUnicode(void *c, UChar **t, const UChar *te, const char **s, const char *se, int32_t *o, int8_t f, UErrorCode *err) { (void)c; (void)t; (void)te; (void)s; (void)se; (void)o; (void)f; if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR; }
EXPORT void ucnv_fromUnicode(void *c, char **t, const char *te, const UChar **s, const UChar *se, int32_t *o, int8_t f, UErrorCode *err) { (void)c; (void)t; (void)te; (void)s; (void)se; (void)o; (void)f; if (err && *err <= 0) *err = U_FILE_ACCESS_ERROR; }
EXPORT int32_t ucnv_toUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }
EXPORT int32_t ucnv_fromUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }
EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err) { (void)name; (void)standard; (void)err; return NULL; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *ctx, void *args, const UChar *u, int32_t len, int32_t cp, int reason, UErrorCode *err) { (void)ctx; (void)args; (void)u; (void)len; (void)cp; (void)reason; (void)err; }
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *ctx, void *args, const char *b, int32_t len, int reason, UErrorCode *err) { (void)ctx; (void)args; (void)b; (void)len; (void)reason; (void)err; }
