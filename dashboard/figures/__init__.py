"""Pure figure and panel builders: (frame, *, options) -> figure, component or image."""
