#ifndef CRIER_CLIBXML2_SHIM_H
#define CRIER_CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU, so encoding.h would include the system's <unicode/*.h>, whose
// enums clash with Foundation's bundled ICU module. No API Crier uses needs the ICU types.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/dict.h>
#include <libxml/encoding.h>
#include <string.h>

// memmem is a GNU extension that string.h only declares under _GNU_SOURCE, which a module
// header cannot switch on reliably; this declaration matches glibc's.
extern void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);

// xmlFree is a mutable C global (a function pointer), which Swift 6 rejects as unsafe.
static inline void crier_xml_free(void *p) { xmlFree(p); }

// XML_SAX2_MAGIC does not fit in Int32, so Swift imports it awkwardly; this gives it the
// exact C type of xmlSAXHandler.initialized.
static inline unsigned int crier_sax2_magic(void) { return XML_SAX2_MAGIC; }

// glibc's memchr is SIMD-optimized; the entity rewriter and the HTML converter use it to skip
// long runs without touching every byte in Swift.
static inline const void *crier_memchr(const void *s, int c, size_t n) { return memchr(s, c, n); }

#endif
