/* quire's version, named in --version, the colophon and the manifest. */
#ifndef QUIRE_VERSION_H
#define QUIRE_VERSION_H

#define QUIRE_VERSION "0.2"

#endif
