/* libtlrt internals shared between its translation units. */
#ifndef TLRT_INTERNAL_H
#define TLRT_INTERNAL_H

/* Records the calling thread's last error (printf-style) and returns
 * `code`. */
int tlrt_fail(int code, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* TLRT_INTERNAL_H */
