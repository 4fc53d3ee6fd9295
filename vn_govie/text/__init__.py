"""Text handling that keeps offsets into the caller's text."""
