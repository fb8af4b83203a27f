"""客户回访与投诉 on paper and in Excel. The registers, printables and import kinds come with
the forms step; until then importing the package registers nothing. Writes go through
``models.callbacks`` only."""
