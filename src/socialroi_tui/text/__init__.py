"""The lowest layer: numbers read and written as people type them (``numbers``), text
from files made safe to show (``safe``), and the words of the interface (``words``)."""
