/* version.h - the release number, and the store schema this binary writes. */
#ifndef BP_VERSION_H
#define BP_VERSION_H
#define BP_VERSION "0.1.0"
#endif
