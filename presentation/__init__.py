"""What the dashboard and the board pack share: one palette, one way of writing numbers, one
chart per measure, one CSV writer."""
