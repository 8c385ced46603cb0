"""Installable and readable offline: what the course app serves for it (server.pwa.served) and
the app icons it draws (server.pwa.icons)."""
