"""The demo organisation: Northbridge City Council's files, written as real systems export them."""
