"""Authoring: what writes the course from its content. `move-course` (check, build, new,
preview), the notebook builder and the notebooks' markdown. It stands above the model
(`moves`) and the views (`widgets`), whose cells it writes."""
