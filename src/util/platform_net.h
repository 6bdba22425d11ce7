/* platform_net.h - the socket headers (getaddrinfo, struct sockaddr) of
 * POSIX or of Windows (Winsock 2), for the web server and its command
 * line (private).  Part of the platform module (platform.h). */
#ifndef TSUNAGU_PLATFORM_NET_H
#define TSUNAGU_PLATFORM_NET_H

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
#define PLATFORM_SHUT_BOTH SD_BOTH /* shutdown(): no more reading or writing */
#else
#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>
#define PLATFORM_SHUT_BOTH SHUT_RDWR
#endif

#endif
