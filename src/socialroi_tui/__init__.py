"""Plan and defend the return on investment of social-media campaigns."""

__version__ = "0.1.0"
