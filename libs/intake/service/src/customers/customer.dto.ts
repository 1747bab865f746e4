import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { ConsistentQuery, PageQuery } from '@serviceledger/platform/nest';
import { CUSTOMER_TIERS, CustomerTier } from '@serviceledger/intake/domain';

const PHONE = /^\+?[0-9 ()-]{5,30}$/;
const PHONE_MESSAGE = 'phone must be digits, spaces, brackets or dashes, optionally with a leading +';

export class RegisterCustomerDto {
  @ApiProperty({ example: '深圳某某科技有限公司' })
  @IsString()
  @Length(1, 200)
  organisation!: string;

  @ApiProperty({ example: '李華', description: 'Personal data (R-3.1)' })
  @IsString()
  @Length(1, 120)
  contactPerson!: string;

  @ApiPropertyOptional({ description: 'Personal data (R-3.1)', example: '+86 755 8888 6666' })
  @IsOptional()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string;

  @ApiPropertyOptional({ description: 'Personal data (R-3.1)', example: 'lihua@example.com' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiProperty({ enum: CUSTOMER_TIERS })
  @IsIn(CUSTOMER_TIERS)
  tier!: CustomerTier;
}

export class UpdateCustomerDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  organisation?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 120)
  contactPerson?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null removes it' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'null removes it' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({ enum: CUSTOMER_TIERS })
  @IsOptional()
  @IsIn(CUSTOMER_TIERS)
  tier?: CustomerTier;
}

export class ReviewDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class EraseCustomerDto {
  @ApiProperty({ example: 'The customer asked for their personal data to be erased', description: 'Why, recorded on CustomerErased (R-3.1)' })
  @IsString()
  @Length(3, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}

export class CustomerListQuery extends PageQuery {
  @ApiPropertyOptional({ description: "Part of the organisation's name, matched case-insensitively anywhere in it" })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  organisation?: string;

  @ApiPropertyOptional({
    description:
      'Exact e-mail address (compared normalised). Compares personal data (R-3.1): only with permission `customer-pii:read` (403 without) and a `reason` (400 without); ' +
      'each customer found is recorded in the personal-data access register',
  })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({
    description:
      'Phone number, compared normalised: "+86 138 0013 8000", "0086 138 0013 8000" and "138 0013 8000" are one number (an 11-digit number starting with 1 is a mainland mobile, +86). ' +
      'Compares personal data (R-3.1): only with permission `customer-pii:read` (403 without) and a `reason` (400 without); each customer found is recorded in the personal-data access register',
  })
  @IsOptional()
  @Matches(PHONE, { message: PHONE_MESSAGE })
  phone?: string;

  @ApiPropertyOptional({ description: 'Why the personal data is needed; required with `phone` or `email` (R-3.1)' })
  @IsOptional()
  @IsString()
  @Length(3, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  flaggedForReview?: boolean;
}

export class CustomerDetailQuery extends ConsistentQuery {
  @ApiPropertyOptional({ description: 'Why the personal data is needed; required to see it unmasked (R-3.1)' })
  @IsOptional()
  @IsString()
  @Length(3, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason?: string;
}
