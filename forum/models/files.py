"""What files shared in the forum and the chat have in common."""

from django.db import models


class SharedFile(models.Model):
    """A document or image someone shared, served only to people who may read where it
    was shared: its name as uploaded, its size, whether it is an image. Each kind of
    place adds its ``file`` (stored privately, under a path of its own)."""

    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField(default=0)
    is_image = models.BooleanField(default=False)

    class Meta:
        abstract = True
        ordering = ["pk"]

    def __str__(self):
        return self.name
