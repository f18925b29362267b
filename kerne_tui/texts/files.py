"""Catalog entries for hostile files: key -> (Danish, English).

What kerne says about a plan it will not read (too big, nested too deep, numbers out of
bounds), an archive it will not trust (a zip bomb, names that point outside, duplicates), and
an archive or report it could not write (a full disk, a folder it may not write in).
"""

TEXTS: dict[str, tuple[str, str]] = {
    # --- plans: the shape, before the TOML parser ---------------------------------------
    "plan.shape.too_big": (
        "{path} er for stor til at være en plan (over {limit}); planer fylder nogle få KB.",
        "{path} is too big to be a plan (over {limit}); plans take a few KB.",
    ),
    "plan.shape.deep": (
        "{path}: linje {line} har lister eller tabeller inden i hinanden mere end {limit} "
        "niveauer dybt, og en plan bruger to eller tre.",
        "{path}: line {line} nests lists or tables more than {limit} levels deep, and a plan "
        "uses two or three.",
    ),
    "plan.shape.key_parts": (
        "{path}: linje {line} har en nøgle med mere end {limit} dele adskilt af punktum.",
        "{path}: line {line} has a key of more than {limit} parts separated by dots.",
    ),
    "plan.shape.key_long": (
        "{path}: linje {line} har en nøgle på mere end {limit} tegn.",
        "{path}: line {line} has a key longer than {limit} characters.",
    ),
    # --- plans: the numbers and lists serve works with ----------------------------------
    "plan.err.minutes": (
        "skal være et tal over 0 og højst {maximum} (ti timer), men er {value}",
        "must be a number above 0 and at most {maximum} (ten hours), but is {value}",
    ),
    "plan.err.too_long": (
        "må højst have {maximum} tegn, men har {length}",
        "may have at most {maximum} characters, but has {length}",
    ),
    "plan.err.too_many": (
        "må højst have {maximum}, men har {count}",
        "may have at most {maximum}, but has {count}",
    ),
    "plan.err.too_many_steps": (
        "planen må højst have {maximum} trin i alt, men har {count}",
        "the plan may have at most {maximum} steps in all, but has {count}",
    ),
    # --- archives: bounds and names, checked before anything is unpacked ------------------
    "archive.verify.too_many_members": (
        "Arkivet har {count} filer, og et kerne-arkiv har højst {limit}; intet er pakket ud.",
        "The archive holds {count} files, and a kerne archive holds at most {limit}; nothing "
        "was unpacked.",
    ),
    "archive.verify.member_too_big": (
        "{member} fylder {size} udpakket, mere end de {limit} en fil i et arkiv må fylde (et "
        "arkiv fra en dag fylder nogle få MB); intet er pakket ud.",
        "{member} takes {size} unpacked, more than the {limit} a file in an archive may take "
        "(a day's archive takes a few MB); nothing was unpacked.",
    ),
    "archive.verify.total_too_big": (
        "Arkivets filer fylder {size} udpakket, mere end de {limit} et arkiv må fylde i alt (et "
        "arkiv fra en dag fylder nogle få MB); intet er pakket ud.",
        "The archive's files take {size} unpacked, more than the {limit} an archive may take "
        "in all (a day's archive takes a few MB); nothing was unpacked.",
    ),
    "archive.verify.manifest_too_big": (
        "manifest.json fylder {size}, mere end de {limit} et manifest må fylde; det er ikke læst.",
        "manifest.json takes {size}, more than the {limit} a manifest may take; it was not read.",
    ),
    "archive.verify.manifest_deep": (
        "manifest.json har lister eller tabeller inden i hinanden mere end {limit} niveauer "
        "dybt, og et manifest bruger tre; det er ikke læst.",
        "manifest.json nests lists or tables more than {limit} levels deep, and a manifest uses "
        "three; it was not read.",
    ),
    "archive.verify.unsafe_name": (
        "{member} har et navn, der peger uden for arkivets mappe (.. eller en absolut sti).",
        "{member} has a name that points outside the archive's folder (.. or an absolute path).",
    ),
    "archive.verify.symlink": (
        "{member} er en symbolsk henvisning, og et kerne-arkiv har kun almindelige filer.",
        "{member} is a symbolic link, and a kerne archive holds only plain files.",
    ),
    "archive.verify.duplicate": (
        "{member} ligger {count} gange i arkivet, så det er uvist, hvilken der er den rigtige.",
        "{member} is in the archive {count} times, so which one is real cannot be told.",
    ),
    # --- writing an archive or a report -------------------------------------------------
    "files.archive_failed": (
        "Arkivet kunne ikke skrives i mappen {folder}: {cause}. Intet halvt arkiv er efterladt.",
        "The archive could not be written in the folder {folder}: {cause}. No half-written "
        "archive was left behind.",
    ),
    "files.report_failed": (
        "Rapporten kunne ikke skrives i mappen {folder}: {cause}.",
        "The report could not be written in the folder {folder}: {cause}.",
    ),
    "files.cause.full": (
        "disken er fuld, så frigør plads og prøv igen",
        "the disk is full, so free some space and try again",
    ),
    "files.cause.denied": (
        "kerne har ikke lov til at skrive der, så vælg en anden mappe med --out",
        "kerne may not write there, so choose another folder with --out",
    ),
    "files.cause.read_only": (
        "mappen er skrivebeskyttet, så vælg en anden mappe med --out",
        "the folder is read-only, so choose another folder with --out",
    ),
    "files.cause.other": ("{detail}", "{detail}"),
}
