/**
 * The HTTP adapter: the query API, the SSE stream, the operator API and the health check on Jersey
 * and Grizzly. {@link io.emaillogs.adapter.jersey.EmailLogsHttpServer} is the only entry point;
 * every JSON shape and error envelope is package-private here.
 */
package io.emaillogs.adapter.jersey;
