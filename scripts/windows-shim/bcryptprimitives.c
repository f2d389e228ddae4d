/*
 * A stand-in for Windows' bcryptprimitives.dll, for the Wine smoke test only
 * (scripts/windows-smoke); never shipped.
 *
 * Rust's standard library on Windows 10 and later takes its random bytes (HashMap seeds)
 * from ProcessPrng in bcryptprimitives.dll. Real Windows has that DLL; Debian's Wine 8 does
 * not, so an unpatched exe does not start under it. This one exports ProcessPrng and answers
 * it with BCryptGenRandom from bcrypt.dll, which Wine has.
 */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
